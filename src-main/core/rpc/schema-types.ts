/**
 * Each domain owns the zod schemas of its methods; this type ties them to the
 * contract, so a schema that drifts from src-preload/api.ts (or a method
 * without one) is a compile error in the domain's own file.
 */
import type { z } from 'zod';
import type { DeskMethodName, DeskParams } from '../../../src-preload/api.ts';

export type DomainSchemas<K extends DeskMethodName> = { [M in K]: z.ZodType<DeskParams<M>> };
