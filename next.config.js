// @ts-check

/**
 * A fully static site: `next build` writes plain files to out/ that any CDN or
 * static host can serve (see scripts/serve.mjs for the headers we expect).
 *
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  output: "export",
  // /en/play -> /en/play/index.html, so plain static hosts resolve every route.
  trailingSlash: true,
  // No image optimisation server exists on a static host.
  images: { unoptimized: true },
  reactStrictMode: true,
  poweredByHeader: false,
  experimental: {
    // One 404 page for the whole site (the app has two root layouts: app/[locale] and
    // app/(entry)), see app/global-not-found.tsx.
    globalNotFound: true,
  },
};

export default nextConfig;
