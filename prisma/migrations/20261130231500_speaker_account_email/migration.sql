-- AlterTable
ALTER TABLE "Speaker" ADD COLUMN     "accountEmail" TEXT;

-- CreateIndex
CREATE INDEX "Speaker_accountEmail_idx" ON "Speaker"("accountEmail");

-- Profiles already linked keep the address of their account (rights still need it confirmed).
UPDATE "Speaker" AS s SET "accountEmail" = lower(u."email") FROM "user" AS u WHERE s."userId" = u."id";
