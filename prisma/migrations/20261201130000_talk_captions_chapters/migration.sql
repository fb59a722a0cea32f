-- Captions (WebVTT, one track per language) and chapter marks of a talk. New tables only: existing rows are untouched.
-- CreateTable
CREATE TABLE "TalkCaptionTrack" (
    "id" TEXT NOT NULL,
    "talkId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "vtt" TEXT NOT NULL,
    "cueCount" INTEGER NOT NULL,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TalkCaptionTrack_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TalkChapter" (
    "id" TEXT NOT NULL,
    "talkId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "offsetSeconds" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TalkChapter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TalkCaptionTrack_talkId_language_key" ON "TalkCaptionTrack"("talkId", "language");

-- CreateIndex
CREATE UNIQUE INDEX "TalkChapter_talkId_offsetSeconds_key" ON "TalkChapter"("talkId", "offsetSeconds");

-- AddForeignKey
ALTER TABLE "TalkCaptionTrack" ADD CONSTRAINT "TalkCaptionTrack_talkId_fkey" FOREIGN KEY ("talkId") REFERENCES "Talk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TalkChapter" ADD CONSTRAINT "TalkChapter_talkId_fkey" FOREIGN KEY ("talkId") REFERENCES "Talk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

