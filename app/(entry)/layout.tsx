import type { Metadata } from "next";
import type { ReactNode } from "react";
import "../globals.css";
import { ThemeScript } from "@/app/_components/ui/ThemeScript";

// Root layout for the language-neutral entry pages (/ and /play), which only redirect.
export const metadata: Metadata = {
  title: "Docker Browser Lab · Docker 浏览器实验室",
  description: "Learn Docker in your browser. 在浏览器中学习 Docker。",
};

export default function EntryLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript />
      </head>
      <body className="antialiased">{children}</body>
    </html>
  );
}
