import { PageMain } from "../_components/page-main";

// Pages of the instance itself (the list of conferences, accounts): no conference around them.
export default function SiteLayout({ children }: { children: React.ReactNode }) {
  return <PageMain>{children}</PageMain>;
}
