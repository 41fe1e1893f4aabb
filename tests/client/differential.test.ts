import {describeDifferential} from './support/differential'

// 10,000 documents take several seconds: differential.slow.test.ts.
describeDifferential(1_000)
