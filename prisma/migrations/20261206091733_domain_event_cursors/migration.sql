-- CreateTable
CREATE TABLE "EventCursor" (
    "tenantId" UUID NOT NULL,
    "consumer" TEXT NOT NULL,
    "seq" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventCursor_pkey" PRIMARY KEY ("tenantId","consumer")
);

-- AddForeignKey
ALTER TABLE "EventCursor" ADD CONSTRAINT "EventCursor_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Consumers that exist when this table is created start at each existing tenant's current head: deploying them does
-- not replay a tenant's whole history as new events. Tenants created later (and consumers added later) start at 0.
INSERT INTO "EventCursor" ("tenantId", "consumer", "seq", "updatedAt")
SELECT t."id", c.consumer, COALESCE((SELECT max(a."seq") FROM "AuditEntry" a WHERE a."tenantId" = t."id"), 0), now()
FROM "Tenant" t CROSS JOIN (VALUES ('notices'), ('webhooks')) AS c(consumer);
