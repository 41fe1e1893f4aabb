/**
 * The professions that may check a text medically, as the domain names
 * them: the pelvic physiotherapist who wrote the leaflet's treatment, a
 * physiotherapist, and a doctor (the GP or a medical specialist). Stored as
 * values so the page and structured data never show a free-typed role.
 */
export const REVIEWER_ROLES = [
  {value: 'bekkenfysiotherapeut', title: 'Bekkenfysiotherapeut'},
  {value: 'fysiotherapeut', title: 'Fysiotherapeut'},
  {value: 'huisarts', title: 'Huisarts'},
  {value: 'arts', title: 'Arts'},
] as const

export type ReviewerRole = (typeof REVIEWER_ROLES)[number]['value']

export const REVIEWER_ROLE_VALUES = REVIEWER_ROLES.map((role) => role.value) as [ReviewerRole, ...ReviewerRole[]]

/** The role as patients read it, lower case after a name ("J. Jansen, bekkenfysiotherapeut"). */
export function reviewerRoleTitle(value: string | null | undefined): string | undefined {
  return REVIEWER_ROLES.find((role) => role.value === value)?.title.toLowerCase()
}
