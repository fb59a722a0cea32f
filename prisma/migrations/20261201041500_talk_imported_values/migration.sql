-- What the last schedule import wrote per talk, so a re-import can tell editor changes apart.
ALTER TABLE "Talk" ADD COLUMN "importedValues" JSONB;
