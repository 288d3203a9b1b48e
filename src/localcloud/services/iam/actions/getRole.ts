import type { IamAction } from '../action.js';
import { roleNameOf } from '../inputs.js';
import { roleXml } from '../serialize.js';

export const getRole: IamAction = (input, store) => ({ Role: roleXml(store.role(roleNameOf(input)), 'get') });
