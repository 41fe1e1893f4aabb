import {useState, type FormEvent} from 'react'
import {CheckmarkCircleIcon} from '@sanity/icons'
import {useClient, useValidationStatus, type DocumentActionComponent} from 'sanity'
import {REVIEWER_ROLES, type ReviewerRole} from '../reviewerRoles'
import {recordMedicalReview} from './recordMedicalReview'

const ACTION_API_VERSION = '2025-02-19'

/**
 * "Medisch gecontroleerd": asks who checked the text and in which role, then
 * records the review and publishes the checked text in one transaction
 * (`recordMedicalReview`). Disabled while the document has errors, because
 * the text it publishes must be publishable.
 */
export const MedicalReviewAction: DocumentActionComponent = (props) => {
  const {id, type, draft, published, onComplete} = props
  const client = useClient({apiVersion: ACTION_API_VERSION})
  const validation = useValidationStatus(id, type, true)
  const [open, setOpen] = useState(false)
  const [reviewedBy, setReviewedBy] = useState('')
  const [reviewerRole, setReviewerRole] = useState<ReviewerRole | ''>('')
  const [saving, setSaving] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const checked = draft ?? published
  const hasErrors = validation.validation.some((marker) => marker.level === 'error')

  async function record(event: FormEvent) {
    event.preventDefault()
    if (!checked || !reviewerRole || reviewedBy.trim() === '') return
    setSaving(true)
    setFailure(null)
    try {
      await recordMedicalReview(client, {id, draft, published}, {reviewedBy: reviewedBy.trim(), reviewerRole})
      setOpen(false)
      onComplete()
    } catch (error) {
      setFailure(`De controle is niet vastgelegd: ${error instanceof Error ? error.message : String(error)}. Is de tekst intussen gewijzigd? Bekijk hem opnieuw.`)
    } finally {
      setSaving(false)
    }
  }

  return {
    label: 'Medisch gecontroleerd',
    icon: CheckmarkCircleIcon,
    disabled: !checked || hasErrors || validation.isValidating,
    title: hasErrors
      ? 'Los eerst de fouten in het document op: alleen een tekst die gepubliceerd kan worden, kan medisch gecontroleerd zijn.'
      : 'Leg vast dat een zorgverlener deze tekst medisch heeft gecontroleerd, en publiceer hem.',
    onHandle: () => setOpen(true),
    dialog: open
      ? {
          type: 'dialog',
          header: 'Medische controle vastleggen',
          onClose: () => setOpen(false),
          content: (
            <form onSubmit={record} style={{display: 'grid', gap: '1rem'}} data-testid="medical-review-form">
              <p style={{margin: 0}}>
                Leg dit alleen vast als een zorgverlener deze versie van de tekst inhoudelijk heeft gecontroleerd. De tekst wordt gepubliceerd met de datum van vandaag; de volgende
                controle volgt na de controletermijn. Een latere wijziging staat als &quot;Gewijzigd sinds de controle&quot; bij de tekst tot de volgende controle.
              </p>
              <label style={{display: 'grid', gap: '0.25rem'}}>
                Naam van de zorgverlener
                <input name="reviewedBy" value={reviewedBy} onChange={(event) => setReviewedBy(event.currentTarget.value)} required autoComplete="off" />
              </label>
              <label style={{display: 'grid', gap: '0.25rem'}}>
                Functie
                <select
                  name="reviewerRole"
                  value={reviewerRole}
                  onChange={(event) => setReviewerRole(event.currentTarget.value as ReviewerRole | '')}
                  /* the options are the roles and '' */ required
                >
                  <option value="">Kies een functie</option>
                  {REVIEWER_ROLES.map((role) => (
                    <option key={role.value} value={role.value}>
                      {role.title}
                    </option>
                  ))}
                </select>
              </label>
              {failure ? <p role="alert">{failure}</p> : null}
              <button type="submit" disabled={saving || !reviewerRole || reviewedBy.trim() === ''}>
                {saving ? 'Bezig met vastleggen…' : 'Controle vastleggen en publiceren'}
              </button>
            </form>
          ),
        }
      : null,
  }
}
