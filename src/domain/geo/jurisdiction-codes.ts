/**
 * The shape of jurisdiction codes: the national root "MA", regions "MA-01".."MA-12" and
 * prefectures/provinces "MA-CAS" (ISO 3166-2), and police units below a province, named by their
 * province's code plus a local part: "MA-CAS-U01", "MA-RAB-CENTRE".
 *
 * @example
 *   provinceOfUnitCode('MA-CAS-U01'); // 'MA-CAS'
 *   provinceOfUnitCode('MA-CAS');     // undefined
 */
export const NATIONAL_CODE = 'MA';
export const REGION_CODE = /^MA-(0[1-9]|1[0-2])$/;
export const PROVINCE_CODE = /^MA-[A-Z]{3}$/;
/** As a string for JSON Schema `pattern`. */
export const UNIT_CODE_PATTERN = '^MA-[A-Z]{3}-[A-Z0-9]{2,8}$';
export const UNIT_CODE = new RegExp(UNIT_CODE_PATTERN);

/** The province a unit code sits under, or undefined when the code is not a unit code. */
export function provinceOfUnitCode(code: string): string | undefined {
  return UNIT_CODE.test(code) ? code.slice(0, 6) : undefined;
}
