-- AlterTable
ALTER TABLE "Recording" ADD COLUMN     "readyAt" TIMESTAMP(3);
