/** Renders the whole window on a fake api, as main.tsx does on the real one. */
import { render } from '@testing-library/react';
import { App } from '../../renderer/app';
import { createAppStore } from '../../renderer/store/app-store';
import { StoreProvider } from '../../renderer/store/store-context';
import type { FakeApi } from './fake-api';

export function renderApp(fake: FakeApi) {
  const store = createAppStore(fake.api);
  const view = render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>,
  );
  return { store, ...view };
}
