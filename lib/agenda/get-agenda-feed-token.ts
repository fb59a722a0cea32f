import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";

/** The private token in a user's agenda iCal URL; created on first use, rotatable. */
export async function getAgendaFeedToken(options: { userId: string; rotate?: boolean }): Promise<string> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: options.userId }, select: { agendaToken: true } });
  if (user.agendaToken && !options.rotate) return user.agendaToken;
  const token = randomBytes(24).toString("base64url");
  await prisma.user.update({ where: { id: options.userId }, data: { agendaToken: token } });
  return token;
}

export async function findUserByAgendaToken(options: { token: string }) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(options.token)) return null;
  return prisma.user.findUnique({ where: { agendaToken: options.token }, select: { id: true, name: true } });
}
