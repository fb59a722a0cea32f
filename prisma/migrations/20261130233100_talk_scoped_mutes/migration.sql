-- A speaker's mute holds in their own talk's room only (null: the whole conference).
ALTER TABLE "ChatSanction" ADD COLUMN "talkId" TEXT;
