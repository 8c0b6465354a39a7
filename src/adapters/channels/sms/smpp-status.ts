/**
 * SMPP command_status values the adapter acts on, and how a refused submit_sm becomes a DeliveryError the
 * dispatcher understands: the SMSC's throttling (ESME_RTHROTTLED, ESME_RMSGQFUL) means "slow down and
 * retry", a bad address or length means retrying cannot help, anything else may pass on a later try.
 * Codes are `smpp_0x` + the status in hex, so the officers' dead-letter list shows the SMSC's own value.
 *
 * @example
 *   submitFailure(0x58); // DeliveryError { kind: 'throttled', code: 'smpp_0x58' }
 *   transient('smpp_bind');
 */
import { DeliveryError } from '../../../domain/distribution/delivery-failure.ts';

export const ESME_ROK = 0x00;
export const ESME_RINVMSGLEN = 0x01;
export const ESME_RINVCMDID = 0x03;
export const ESME_RINVBNDSTS = 0x04;
export const ESME_RSYSERR = 0x08;
export const ESME_RINVSRCADR = 0x0a;
export const ESME_RINVDSTADR = 0x0b;
export const ESME_RBINDFAIL = 0x0d;
export const ESME_RMSGQFUL = 0x14;
export const ESME_RTHROTTLED = 0x58;
/** Temporary application error: the SMSC redelivers the deliver_sm later. */
export const ESME_RX_T_APPN = 0x64;

/** "smpp_0x58": the status as the SMSC's documentation writes it. */
export const statusCode = (status: number): string => `smpp_0x${status.toString(16).padStart(2, '0')}`;

export const transient = (code: string): DeliveryError => new DeliveryError({ kind: 'transient', code });

/** The DeliveryError for a submit_sm_resp (or generic_nack) with a non-zero command_status. */
export function submitFailure(status: number): DeliveryError {
  const code = statusCode(status);
  switch (status) {
    case ESME_RTHROTTLED:
    case ESME_RMSGQFUL:
      // SMPP gives no wait: the dispatcher's own backoff applies.
      return new DeliveryError({ kind: 'throttled', code, retryAfterMs: null });
    case ESME_RINVDSTADR:
    case ESME_RINVSRCADR:
    case ESME_RINVMSGLEN:
      return new DeliveryError({ kind: 'permanent', code });
    default:
      return new DeliveryError({ kind: 'transient', code });
  }
}
