/** Who creates a tenant: an operator signed in to /operator/tenants, or someone at the deployment's shell. */
export type TenantCreator = { kind: "operator"; userId: string; email: string } | { kind: "shell" };
