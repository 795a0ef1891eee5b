// vitest setupFiles: the rule kinds' modules installed in every test process, as `kaohe` does at start.
import { installKinds } from '../../src/kinds/index.js';

installKinds();
