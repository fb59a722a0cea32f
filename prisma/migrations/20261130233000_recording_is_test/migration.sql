-- AlterTable
ALTER TABLE "Recording" ADD COLUMN     "isTest" BOOLEAN NOT NULL DEFAULT false;
