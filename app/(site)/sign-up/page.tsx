import type { Metadata } from "next";
import { Suspense } from "react";
import { AuthForm } from "@/app/_components/auth/auth-form";
import { Card } from "@/app/_components/ui/card";

export const metadata: Metadata = { title: "Create your account" };

export default function Page() {
  return (
    <div className="mx-auto max-w-md py-8">
      <Card className="p-8">
        <h1 className="mb-6 text-2xl font-semibold tracking-tight">Create your account</h1>
        <Suspense>
          <AuthForm mode="sign-up" />
        </Suspense>
      </Card>
    </div>
  );
}
