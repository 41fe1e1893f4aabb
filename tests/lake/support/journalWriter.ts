import {Committer} from '../../../lake/write/committer'

/**
 * Commits transactions in a loop and prints `ack <transactionId>` for each
 * one as soon as it is acknowledged, until it is killed. Used by the crash test.
 */
const datasetPath = process.argv[2]
if (!datasetPath) throw new Error('usage: journalWriter <dataset.ndjson>')

const committer = await Committer.open({datasetPath})
process.stdout.write(`ready ${committer.recovered.replayed}\n`)
for (let sequence = 0; ; sequence += 1) {
  const transactionId = `${process.pid}-${sequence}`
  await committer.mutate([{create: {_id: `doc-${transactionId}`, _type: 'note', text: 'x'.repeat(sequence % 500)}}, {patch: {id: 'counter', inc: {n: 1}}}], {transactionId})
  process.stdout.write(`ack ${transactionId}\n`)
}
