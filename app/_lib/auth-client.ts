"use client";
import { createAuthClient } from "better-auth/react";

// Same origin as the pages, so no baseURL: the client calls /api/auth/*.
export const authClient = createAuthClient();
