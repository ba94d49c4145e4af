// Tailwind CSS v4 runs as a PostCSS plugin; its config lives in app/globals.css (@theme).
const config = {
  plugins: {
    "@tailwindcss/postcss": {},
  },
};

export default config;
