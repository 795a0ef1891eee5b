// kaohe command line: one entry, one small module per command; every command has --help.
import { installKinds } from '../kinds/index.js';
import { nearest } from '../rules/nearest.js';
import { commands } from './commands.js';

// The composition root: every rule kind's module is handed to the loader, engine and test runner.
installKinds();

const USAGE = `kaohe — a rules engine for effective-dated, cited rule sets (the shipped rules: rules/)

Usage: kaohe <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run \`kaohe <command> --help\` for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`kaohe: unknown command "${name}"${nearest(name, Object.keys(commands))}\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  return command.run(rest);
}
