// @vitest-environment jsdom
import { Button, Modal, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { act, cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import i18n from '../i18n/i18n.ts';
import { polyfillBrowser } from '../testing/render-with-providers.tsx';
import { AppProviders } from './providers.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

function DialogOpener() {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button onClick={open}>Open it</Button>
      <Modal opened={opened} onClose={close} title="Add location" transitionProps={{ duration: 0 }}>
        <TextInput label="Location name" />
      </Modal>
    </>
  );
}

/** Mounted only while open, as some pages do: Mantine's own focus return cannot see it close. */
function MountedWhileOpen() {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button onClick={open}>Change package</Button>
      {opened ? (
        <Modal opened onClose={close} title="Change package" transitionProps={{ duration: 0 }}>
          <TextInput label="Extension" />
        </Modal>
      ) : null}
    </>
  );
}

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

describe('dialogs in the app theme', () => {
  it.each([
    ['en', 'Close dialog'],
    ['nl', 'Dialoogvenster sluiten'],
  ])('names the close button in %s and focuses the title, not the X', async (language, closeName) => {
    polyfillBrowser();
    await i18n.changeLanguage(language);
    render(
      <AppProviders>
        <DialogOpener />
      </AppProviders>,
    );
    const opener = screen.getByRole('button', { name: 'Open it' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = await screen.findByRole('dialog');
    expect(screen.getByRole('button', { name: closeName })).toBeTruthy();
    const title = screen.getByRole('heading', { name: 'Add location' });
    await waitFor(() => expect(document.activeElement).toBe(title));
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('returns focus to the control that opened the dialog after Esc', async () => {
    polyfillBrowser();
    render(
      <AppProviders>
        <DialogOpener />
      </AppProviders>,
    );
    const opener = screen.getByRole('button', { name: 'Open it' });
    opener.focus();
    fireEvent.click(opener);
    const title = await screen.findByRole('heading', { name: 'Add location' });
    await waitFor(() => expect(document.activeElement).toBe(title));
    act(() => {
      fireEvent.keyDown(title, { key: 'Escape' });
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });

  it('returns focus to the opener of a dialog that is mounted only while open', async () => {
    polyfillBrowser();
    render(
      <AppProviders>
        <MountedWhileOpen />
      </AppProviders>,
    );
    const opener = screen.getByRole('button', { name: 'Change package' });
    opener.focus();
    fireEvent.click(opener);
    const title = await screen.findByRole('heading', { name: 'Change package' });
    await waitFor(() => expect(document.activeElement).toBe(title));
    act(() => {
      fireEvent.keyDown(title, { key: 'Escape' });
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });
});
