/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The web app talks to ClickHouse over HTTP only; the embedded engine never loads here.
  serverExternalPackages: ['@clickhouse/client', 'chdb'],
  typedRoutes: false,
};

export default nextConfig;
