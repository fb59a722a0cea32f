-- Organizer analytics: who watched which talk in which minute, live or in replay.
CREATE TYPE "ViewingMode" AS ENUM ('LIVE', 'PREMIERE', 'REPLAY');

CREATE TABLE "ViewerMinute" (
    "talkId" TEXT NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "mode" "ViewingMode" NOT NULL,
    "viewerKey" TEXT NOT NULL,

    CONSTRAINT "ViewerMinute_pkey" PRIMARY KEY ("talkId","minute","mode","viewerKey")
);

ALTER TABLE "ViewerMinute" ADD CONSTRAINT "ViewerMinute_talkId_fkey" FOREIGN KEY ("talkId") REFERENCES "Talk"("id") ON DELETE CASCADE ON UPDATE CASCADE;
