import type {NextConfig} from 'next'

const nextConfig: NextConfig = {
  // This directory is the project, not the content repository around it (which has a lockfile of its own).
  turbopack: {root: import.meta.dirname},
  outputFileTracingRoot: import.meta.dirname,
}

export default nextConfig
