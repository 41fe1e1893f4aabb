import {describeDifferential} from './support/differential'

describeDifferential(10_000)
