"use client";
// The preview in its own tab (/<locale>/preview/?port=8080): the same frame as beside the
// terminal, its requests answered by the tab that runs the machine.

import { useMemo } from "react";
import { useSearchParams } from "next/navigation";
import { isValidPort } from "@/app/_lib/preview/http";
import { tabFetcher } from "@/app/_lib/preview/tab-channel";
import { PreviewFrame } from "./PreviewFrame";

export function PreviewTab() {
  const search = useSearchParams();
  const port = Number(search.get("port"));
  const fetcher = useMemo(() => tabFetcher(), []);
  if (!isValidPort(port)) return null;
  return <PreviewFrame port={port} fetcher={fetcher} />;
}
