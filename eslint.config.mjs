import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "generated/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    // The sandbox simulates external services; the product must never depend on it.
    files: ["app/**", "lib/**", "components/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/sandbox/**", "@/sandbox/**"], message: "app/ and lib/ never import sandbox/." },
          ],
        },
      ],
    },
  },
];

export default config;
