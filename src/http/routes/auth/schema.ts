import { Type } from 'typebox';

/** Sign-in bodies are small: anything larger is refused before parsing. */
export const AUTH_BODY_LIMIT = 16 * 1024;

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const CodeBody = Type.Object(
  {
    /** The 6-digit code shown by the authenticator app. */
    code: Type.String({ pattern: '^[0-9]{6}$', minLength: 6, maxLength: 6 }),
  },
  { additionalProperties: false },
);

export const TotpEnrolmentView = Type.Object({
  /** otpauth://totp/… for authenticator apps. */
  otpauthUri: Type.String(),
  /** The same URI as a QR code: data:image/svg+xml;base64,… */
  qrSvgDataUrl: Type.String(),
  /** The seed in base32, for typing in by hand. */
  secret: Type.String(),
});
