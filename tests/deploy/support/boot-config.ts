/**
 * What a Plenary process checks of its environment when it boots, run in a process of its own with
 * exactly the environment it is given (tests/deploy/docker-compose.test.ts): lib/config parses it on
 * import, a production process needs its auth secret and its database, and the payment provider
 * (Stripe or none) is chosen. Prints the settings that matter as JSON; exits 1 with the reason.
 */
export {};

try {
  const config = await import("@/lib/config/env");
  const { getPaymentProvider } = await import("@/lib/payments/get-payment-provider");
  config.getAuthSecret();
  config.getDatabaseUrl();
  const payments = getPaymentProvider();
  const { env } = config;
  console.log(
    JSON.stringify({
      NODE_ENV: env.NODE_ENV,
      DATABASE_URL: env.DATABASE_URL,
      REDIS_URL: env.REDIS_URL,
      PUBLIC_URL: env.PUBLIC_URL,
      REALTIME_PORT: env.REALTIME_PORT,
      RTMP_PORT: env.RTMP_PORT,
      RTMP_PUBLIC_URL: env.RTMP_PUBLIC_URL,
      MEDIA_DIR: env.MEDIA_DIR,
      payments: payments.name,
    }),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
