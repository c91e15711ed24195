/** Preact binding of the store: the component re-renders (batched by Preact) on every change. */
import { useEffect, useState } from 'preact/hooks';
import type { Store } from './store.js';

export function useStore<S>(store: Store<S>): S {
  const [state, setState] = useState(() => store.get());
  useEffect(() => {
    setState(store.get()); // a change between the first render and this subscription
    return store.subscribe(setState);
  }, [store]);
  return state;
}
