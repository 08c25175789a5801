import { useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { Button, Paper, Stack, Text } from '@mantine/core';

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
  const [dragging, setDragging] = useState(false);
  const take = (files: FileList | null) => {
    const file = files?.[0];
    if (file) onFile(file);
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
