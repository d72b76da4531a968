/**
 * The application menu: File › New run, View › Runs / Compare / Draw, and the platform's usual
 * Quit (⌘Q on macOS, Ctrl+Q elsewhere). Menu items don't know the views; they ask the renderer to
 * navigate through the app.navigate event.
 */
import { Menu, app, type MenuItemConstructorOptions } from 'electron';
import type { View } from '../api/table';

/** Builds and installs the menu; `navigate` tells the renderer which view to show. */
export function installMenu(navigate: (view: View) => void, options: { devTools: boolean }): void {
  const isMac = process.platform === 'darwin';
  const go = (label: string, view: View, accelerator: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => navigate(view),
  });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [
          {
            label: app.name,
            submenu: [
              { role: 'about' },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } as MenuItemConstructorOptions,
        ]
      : []),
    {
      label: 'File',
      submenu: [
        go('New Run…', 'new-run', 'CmdOrCtrl+N'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', accelerator: 'Ctrl+Q' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        go('Runs', 'runs', 'CmdOrCtrl+1'),
        go('Compare', 'compare', 'CmdOrCtrl+2'),
        go('Draw', 'draw', 'CmdOrCtrl+3'),
        go('Lessons', 'lessons', 'CmdOrCtrl+4'),
        go('Backprop', 'backprop', 'CmdOrCtrl+5'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(options.devTools
          ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[])
          : []),
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
