/**
 * The run's data meaning (RunDataInfo) as stored in runs.data_info: checked before it is written or
 * imported, and read back with the digits' meaning for runs made before it was stored.
 */
import { StoreError, type RunDataInfo } from './types';

/** '0'…'9': what output k meant before class names were stored. */
export const DIGIT_CLASS_NAMES: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** The detail fields for a stored data_info (null: a digits run from before migration 4). */
export function dataInfoOf(json: string | null): RunDataInfo {
  if (json === null) return { classNames: [...DIGIT_CLASS_NAMES], featureNames: null, standardization: null };
  const info = JSON.parse(json) as RunDataInfo;
  return { classNames: info.classNames, featureNames: info.featureNames, standardization: info.standardization };
}

/** A copy of `info` with only its known fields, or an 'invalid-argument' error naming the bad one. */
export function checkDataInfo(info: unknown, where: string): RunDataInfo {
  const fail = (problem: string) => new StoreError('invalid-argument', `${where}: ${problem}`);
  if (typeof info !== 'object' || info === null) throw fail('data info must be an object');
  const { classNames, featureNames, standardization } = info as Record<string, unknown>;
  const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.length <= 200);
  if (!strings(classNames) || (classNames as string[]).length < 2 || (classNames as string[]).length > 100)
    throw fail('classNames must be 2 to 100 names');
  if (new Set(classNames as string[]).size !== (classNames as string[]).length)
    throw fail('classNames must be distinct');
  if (featureNames !== null && (!strings(featureNames) || (featureNames as string[]).length === 0))
    throw fail('featureNames must be null or a list of names');
  let s: RunDataInfo['standardization'] = null;
  if (standardization !== null && standardization !== undefined) {
    const { mean, sd } = standardization as Record<string, unknown>;
    const finite = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
    if (!finite(mean) || !finite(sd) || (mean as number[]).length !== (sd as number[]).length)
      throw fail('standardization must hold mean and sd of equal length');
    if ((sd as number[]).some((x) => x <= 0))
      throw fail('standardization.sd must be > 0 (a constant feature has sd 1)');
    if (featureNames !== null && (mean as number[]).length !== (featureNames as string[]).length)
      throw fail('standardization must have one mean and sd per feature');
    s = { mean: [...(mean as number[])], sd: [...(sd as number[])] };
  }
  return {
    classNames: [...(classNames as string[])],
    featureNames: featureNames === null ? null : [...(featureNames as string[])],
    standardization: s,
  };
}
