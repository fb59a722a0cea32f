-- Reminders for starred talks. Existing favourites keep their rows and get the default
-- reminder (in-app, 10 minutes before, no e-mail until the attendee asks for one).
CREATE TYPE "ReminderChannel" AS ENUM ('IN_APP', 'EMAIL');

ALTER TABLE "Favourite" ADD COLUMN "remindMinutes" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN "remindInApp" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN "remindByEmail" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "TalkReminder" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "talkId" TEXT NOT NULL,
    "channel" "ReminderChannel" NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "seenAt" TIMESTAMP(3),

    CONSTRAINT "TalkReminder_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "TalkReminder_userId_talkId_channel_startsAt_key" ON "TalkReminder"("userId", "talkId", "channel", "startsAt");
CREATE INDEX "TalkReminder_channel_sentAt_nextAttemptAt_idx" ON "TalkReminder"("channel", "sentAt", "nextAttemptAt");
CREATE INDEX "TalkReminder_userId_channel_seenAt_idx" ON "TalkReminder"("userId", "channel", "seenAt");

ALTER TABLE "TalkReminder" ADD CONSTRAINT "TalkReminder_userId_talkId_fkey" FOREIGN KEY ("userId", "talkId") REFERENCES "Favourite"("userId", "talkId") ON DELETE CASCADE ON UPDATE CASCADE;
