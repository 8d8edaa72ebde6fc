import type { OperationName } from '@mosaic/orchestrator-core';
import { gitOpCases } from '@mosaic/tools-contract';

/** Inputs for every git operation (shared by the contract and conformance tests): the shared table as is. */
export const OP_CASES = gitOpCases<OperationName>();
