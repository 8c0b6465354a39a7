/**
 * Types for the `smpp` package (farhadi/node-smpp 0.5.x), which ships none. Only what the SMS adapter
 * (smpp-session.ts) and the test SMSC (test/peers/smpp-peer.ts) use is described. A PDU carries its
 * command's parameters and TLVs as plain properties named as in the SMPP specification (destination_addr,
 * receipted_message_id …), so they are typed `unknown` here and read through narrowing helpers.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  export interface SmppPdu {
    readonly command: string;
    readonly command_id: number;
    readonly command_status: number;
    readonly sequence_number: number;
    readonly [field: string]: unknown;
    isResponse(): boolean;
    /** The response PDU to this request, with the same sequence number. */
    response(options?: Record<string, unknown>): SmppPdu;
  }

  export interface SmppPduConstructor {
    /** `options` holds header fields (sequence_number, command_status), parameters and TLVs by name. */
    new (command: string, options?: Record<string, unknown>): SmppPdu;
  }

  export interface SmppSession extends EventEmitter {
    readonly socket: Socket;
    /** Writes the PDU; false when the socket is not writable. Requests get the next sequence number unless set. */
    send(pdu: SmppPdu, responseCallback?: (response: SmppPdu) => void): boolean;
    /** Ends the socket (FIN). */
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    on(event: 'pdu', listener: (pdu: SmppPdu) => void): this;
    on(event: 'connect' | 'secureConnect' | 'close', listener: () => void): this;
    on(event: 'error', listener: (error: Error & { code?: string }) => void): this;
    on(event: string, listener: (pdu: SmppPdu) => void): this;
  }

  export interface SmppConnectOptions {
    readonly host: string;
    readonly port: number;
    readonly tls?: boolean;
    readonly servername?: string;
  }

  export interface SmppServer extends NetServer {
    readonly sessions: SmppSession[];
  }

  export interface SmppEncoding {
    match(text: string): boolean;
  }

  export interface SmppModule {
    readonly PDU: SmppPduConstructor;
    connect(options: SmppConnectOptions): SmppSession;
    createServer(listener: (session: SmppSession) => void): SmppServer;
    /** ASCII is the GSM 03.38 default alphabet in this library's naming. */
    readonly encodings: { readonly ASCII: SmppEncoding };
  }

  const smpp: SmppModule;
  export default smpp;
}
