import type { ReactNode } from "react";

/** The page's own content, where the skip link lands. */
export function PageMain({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6 sm:py-10">
      {children}
    </main>
  );
}
