import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// `waitFor` and `findBy…` wait for a state, not a time: their default 1 s deadline made tests fail on a busy
// machine (the worker's answer arrived later). The test's own timeout still bounds a state that never comes.
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => cleanup());
