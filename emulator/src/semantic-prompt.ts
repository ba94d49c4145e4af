// Finds the shell's semantic prompt marks (OSC 133) in the console byte stream: "C" is printed
// when a command starts (bash's PS0), "A" when the prompt is drawn again (PS1). The guest's
// /root/.bashrc emits them; terminals ignore them.

const ESC = 0x1b;
const BEL = 0x07;
const PREFIX = [ESC, 0x5d, 0x31, 0x33, 0x33, 0x3b]; // ESC ] 1 3 3 ;

export type PromptMark = "prompt" | "command-start";

export class SemanticPromptScanner {
  private matched = 0; // how many bytes of PREFIX matched so far
  private kind = 0; // the mark letter, once read

  constructor(private readonly onMark: (mark: PromptMark) => void) {}

  push(byte: number): void {
    if (this.matched < PREFIX.length) {
      this.matched = byte === PREFIX[this.matched] ? this.matched + 1 : byte === ESC ? 1 : 0;
      return;
    }
    if (this.kind === 0) {
      this.kind = byte;
      return;
    }
    // Wait for the terminator (BEL or ESC \); the mark counts once it is complete.
    if (byte === BEL || byte === ESC) {
      if (this.kind === 0x41) this.onMark("prompt");
      else if (this.kind === 0x43) this.onMark("command-start");
      this.matched = byte === ESC ? 1 : 0;
      this.kind = 0;
    }
  }
}
