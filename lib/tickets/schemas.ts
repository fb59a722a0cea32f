import { z } from "zod";
import { NAME_MAX, safeText } from "@/lib/validation/text";

// Shared by route handlers, admin forms and the attendee checkout form. Money is integer cents.

/** 100 000.00 in any currency: beyond that a typo is likelier than a real ticket price. */
export const MAX_PRICE_CENTS = 10_000_000;
/** Tickets per order: a team buys a handful, not a stadium. */
export const MAX_QUANTITY = 20;
export const MAX_QUOTA = 1_000_000;
export const MAX_BULK_CODES = 1000;

const Id = z.string().min(1).max(64);
const Currency = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, "Use a three-letter currency code such as EUR")
  .transform((value) => value.toUpperCase());
const PriceCents = z
  .number({ error: "Enter a price" })
  .int("Price must be whole cents")
  .min(0, "Price cannot be negative")
  .max(MAX_PRICE_CENTS, "Price is too high");
/** A date or empty: forms send "" for "no limit". */
const OptionalDate = z.preprocess(
  (value) => (value === "" || value === undefined ? null : value),
  z.coerce.date({ error: "Enter a valid date" }).nullable(),
);
const Quota = z.preprocess(
  (value) => (value === "" || value === undefined ? null : value),
  z.coerce
    .number()
    .int("Quota must be a whole number")
    .min(1, "Quota must be at least 1 (leave empty for unlimited)")
    .max(MAX_QUOTA, "Quota is too large")
    .nullable(),
);

/** A sales or validity window ends after it starts (either end may be open). */
export function windowIsOrdered(from: Date | null | undefined, until: Date | null | undefined): boolean {
  return !from || !until || from < until;
}

export const TicketTypeFields = z.object({
  name: safeText({ min: 1, max: NAME_MAX, tooShort: "Enter a name" }),
  description: safeText({ max: 2000, multiline: true }).default(""),
  priceCents: PriceCents,
  // Omitted: the conference's currency.
  currency: Currency.optional(),
  quota: Quota.default(null),
  salesStartAt: OptionalDate.default(null),
  salesEndAt: OptionalDate.default(null),
  active: z.boolean().default(true),
});

export const CreateTicketTypeInput = TicketTypeFields.strict().refine((input) => windowIsOrdered(input.salesStartAt, input.salesEndAt), {
  message: "Sales must end after they start",
  path: ["salesEndAt"],
});
export type CreateTicketTypeInput = z.infer<typeof CreateTicketTypeInput>;

export const UpdateTicketTypeInput = TicketTypeFields.partial()
  .strict()
  .refine((input) => windowIsOrdered(input.salesStartAt, input.salesEndAt), {
    message: "Sales must end after they start",
    path: ["salesEndAt"],
  });
export type UpdateTicketTypeInput = z.infer<typeof UpdateTicketTypeInput>;

/** What attendees type: letters, digits, dash and underscore; stored upper-case. */
export const DiscountCodeText = z
  .string()
  .trim()
  .min(3, "A code has at least 3 characters")
  .max(40, "A code has at most 40 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "Use letters, digits, - and _ only")
  .transform((value) => value.toUpperCase());

export const DiscountKindInput = z.enum(["PERCENT", "FIXED", "COMP"]);

const CodeRules = z.object({
  kind: DiscountKindInput,
  // Percent (1-100) for PERCENT, cents off each ticket for FIXED, ignored for COMP.
  value: z.coerce.number().int("Use a whole number").min(0).max(MAX_PRICE_CENTS).default(0),
  maxRedemptions: z
    .preprocess(
      (value) => (value === "" || value === undefined ? null : value),
      z.coerce.number().int().min(1, "At least 1 (leave empty for unlimited)").max(MAX_QUOTA).nullable(),
    )
    .default(null),
  validFrom: OptionalDate.default(null),
  validUntil: OptionalDate.default(null),
  oncePerAttendee: z.boolean().default(false),
  // Empty = every ticket type of the conference.
  ticketTypeIds: z.array(Id).max(100).default([]),
});

function checkCodeRules(input: z.infer<typeof CodeRules>, ctx: z.RefinementCtx): void {
  if (input.kind === "PERCENT" && (input.value < 1 || input.value > 100)) {
    ctx.addIssue({ code: "custom", path: ["value"], message: "A percentage is between 1 and 100" });
  }
  if (input.kind === "FIXED" && input.value < 1) {
    ctx.addIssue({ code: "custom", path: ["value"], message: "Enter the amount off in cents (at least 1)" });
  }
  if (!windowIsOrdered(input.validFrom, input.validUntil)) {
    ctx.addIssue({ code: "custom", path: ["validUntil"], message: "A code must expire after it becomes valid" });
  }
}

export const CreateDiscountCodeInput = CodeRules.extend({ code: DiscountCodeText }).strict().superRefine(checkCodeRules);
export type CreateDiscountCodeInput = z.infer<typeof CreateDiscountCodeInput>;

/**
 * Changing a code's rules after the fact: limits and validity (e.g. "expire now" for a leaked
 * code). Kind, value and scope stay as created, so past orders and the usage figures stay
 * comparable; make a new code for a different deal.
 */
export const UpdateDiscountCodeInput = z
  .object({
    maxRedemptions: CodeRules.shape.maxRedemptions.removeDefault().optional(),
    validFrom: OptionalDate.optional(),
    validUntil: OptionalDate.optional(),
    oncePerAttendee: z.boolean().optional(),
  })
  .strict();
export type UpdateDiscountCodeInput = z.infer<typeof UpdateDiscountCodeInput>;

export const GenerateDiscountCodesInput = CodeRules.extend({
  count: z.coerce.number().int().min(1, "Generate at least 1 code").max(MAX_BULK_CODES, `At most ${MAX_BULK_CODES} codes at once`),
  prefix: z
    .string()
    .trim()
    .max(20, "A prefix has at most 20 characters")
    .regex(/^[A-Za-z0-9_-]*$/, "Use letters, digits, - and _ only")
    .transform((value) => value.toUpperCase())
    .default(""),
})
  .strict()
  .superRefine(checkCodeRules);
export type GenerateDiscountCodesInput = z.infer<typeof GenerateDiscountCodesInput>;

const OptionalCode = z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), DiscountCodeText.optional());

export const CheckoutInput = z
  .object({
    ticketTypeId: Id,
    quantity: z.coerce
      .number({ error: "Enter a quantity" })
      .int("Quantity must be a whole number")
      .min(1, "Buy at least 1 ticket")
      .max(MAX_QUANTITY, `At most ${MAX_QUANTITY} tickets per order`)
      .default(1),
    discountCode: OptionalCode,
  })
  .strict();
export type CheckoutInput = z.infer<typeof CheckoutInput>;

export const RegistrationsQuery = z.object({
  q: safeText({ max: 200 }).optional(),
  status: z.enum(["VALID", "REVOKED"]).optional(),
  take: z.coerce.number().int().min(1).max(500).default(100),
  skip: z.coerce.number().int().min(0).default(0),
});
export type RegistrationsQuery = z.infer<typeof RegistrationsQuery>;

export const OrdersQuery = z.object({
  q: safeText({ max: 200 }).optional(),
  status: z.enum(["PENDING", "PAID", "CANCELLED"]).optional(),
  take: z.coerce.number().int().min(1).max(500).default(100),
  skip: z.coerce.number().int().min(0).default(0),
});
export type OrdersQuery = z.infer<typeof OrdersQuery>;

export const ExportKind = z.enum(["attendees", "orders", "codes"]);
export type ExportKind = z.infer<typeof ExportKind>;
