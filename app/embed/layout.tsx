import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "../globals.css";
import { embedInitScript } from "@/app/_lib/embed/init-script";

// Root layout of /embed/<lesson>/<exercise>/, the only pages another site may frame
// (scripts/serve.mjs sends frame-ancestors * for them). No site header or footer: the host page
// is the frame. Language and theme come from the URL, set before first paint by embedInitScript.
export const metadata: Metadata = {
  title: "Docker Browser Lab",
  robots: { index: false },
};

export const viewport: Viewport = {
  // Where the browser can (Chrome on Android), a touch keyboard shortens the page itself, so the
  // terminal refits to what is left above it (app/_components/terminal/keyboard-inset.ts).
  interactiveWidget: "resizes-content",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#0b1120" },
  ],
};

export default function EmbedLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: embedInitScript }} />
      </head>
      <body className="bg-bg antialiased">{children}</body>
    </html>
  );
}
