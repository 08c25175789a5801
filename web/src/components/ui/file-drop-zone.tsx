import { useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { Alert, Button, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { binarySniffLength, looksBinaryText, textFormatOf } from './looks-binary-text.ts';

/** The file's first KB as text (FileReader: every browser and jsdom have it, unlike Blob.text()). */
function readStart(file: File): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => resolve('');
    reader.readAsText(file.slice(0, binarySniffLength));
  });
}

interface FileDropZoneProps {
  accept: string;
  onFile: (file: File) => void;
  title: string;
  hint: string;
  buttonLabel: string;
  fileName?: string | null;
}

/**
 * Drag-and-drop or a file picker, with native events (no dropzone package on Node 20). The zone is
 * a labelled group; the button inside is the keyboard way in.
 */
export function FileDropZone({ accept, onFile, title, hint, buttonLabel, fileName }: FileDropZoneProps) {
  const input = useRef<HTMLInputElement>(null);
  const { t } = useTranslation();
  const [dragging, setDragging] = useState(false);
  const [binaryName, setBinaryName] = useState<string | null>(null);
  const textFormat = textFormatOf(accept);
  const take = (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setBinaryName(null);
    onFile(file);
    // A text-only zone says at once when the file is binary (a PNG renamed .csv, a spreadsheet), as the
    // server would after the upload. The page still gets the file: the server's answer stays the rule.
    if (textFormat) {
      void readStart(file).then((start) => setBinaryName(looksBinaryText(start) ? file.name : null));
    }
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    take(event.dataTransfer.files);
  };
  return (
    <Paper
      p="xl"
      withBorder
      role="group"
      aria-label={title}
      data-testid="file-drop-zone"
      onDragOver={(event: DragEvent<HTMLDivElement>) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      style={{
        borderStyle: 'dashed',
        borderWidth: 2,
        borderColor: dragging ? 'var(--mantine-color-blue-6)' : undefined,
        background: dragging ? 'var(--mantine-color-blue-0)' : undefined,
      }}
    >
      <Stack align="center" gap="xs">
        <Text fw={600}>{title}</Text>
        <Text size="sm" c="dimmed" ta="center">
          {hint}
        </Text>
        <Button variant="light" onClick={() => input.current?.click()}>
          {buttonLabel}
        </Button>
        {fileName ? (
          <Text size="sm" fw={500} data-testid="chosen-file">
            {fileName}
          </Text>
        ) : null}
        {binaryName !== null && (fileName === undefined || binaryName === fileName) ? (
          <Alert color="red" role="alert" data-testid="not-text-file">
            {t('common.notTextFile', { format: textFormat })}
          </Alert>
        ) : null}
        <input
          ref={input}
          type="file"
          accept={accept}
          hidden
          data-testid="file-input"
          onChange={(event) => {
            take(event.currentTarget.files);
            event.currentTarget.value = '';
          }}
        />
      </Stack>
    </Paper>
  );
}
