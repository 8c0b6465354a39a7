/**
 * The closed vocabularies and fixed values of the platform's CAP 1.2 profile: the enumerations the
 * OASIS schema allows (narrowed where the platform uses fewer), and what every document carries
 * (scope Public, category Rescue, eventCode SAME=CAE, as for AMBER alerts).
 *
 * @example
 *   import { isOneOf } from '../case/case-record.ts';
 *   if (isOneOf(CAP_LANGUAGES, tag)) info.language = tag; // narrows to CapLanguage
 */

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
export const CAP_MEDIA_TYPE = 'application/cap+xml';

/** Demo and test data are always Exercise (DESIGN §4). */
export const CAP_STATUSES = ['Actual', 'Exercise'] as const;
export type CapStatus = (typeof CAP_STATUSES)[number];

export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel'] as const;
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];

/** Arabic and French as used in Morocco; Standard Moroccan Tamazight in Tifinagh script (BCP 47). */
export const CAP_LANGUAGES = ['ar-MA', 'fr-MA', 'zgh-Tfng'] as const;
export type CapLanguage = (typeof CAP_LANGUAGES)[number];

export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export type CapUrgency = (typeof CAP_URGENCIES)[number];

export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export type CapSeverity = (typeof CAP_SEVERITIES)[number];

export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;
export type CapCertainty = (typeof CAP_CERTAINTIES)[number];

export const CAP_RESPONSE_TYPES = ['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None'] as const;
export type CapResponseType = (typeof CAP_RESPONSE_TYPES)[number];

export const CAP_CATEGORY = 'Rescue';
export const CAP_EVENT_CODE = { valueName: 'SAME', value: 'CAE' } as const;
export const CAP_SCOPE = 'Public';

/** The longest areaDesc Google Public Alerts accepts is 49 characters ("under 50"). */
export const AREA_DESC_MAX_CHARS = 49;
