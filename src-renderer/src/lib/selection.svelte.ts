/** Runs the user ticked in the run browser; the Compare link and the menu's Compare open them. */
class Selection {
  ids = $state<number[]>([]);

  has(id: number): boolean {
    return this.ids.includes(id);
  }

  toggle(id: number, on = !this.has(id)): void {
    if (on && !this.has(id)) this.ids = [...this.ids, id];
    else if (!on) this.ids = this.ids.filter((x) => x !== id);
  }

  /** Drops runs that no longer exist. */
  remove(ids: readonly number[]): void {
    this.ids = this.ids.filter((x) => !ids.includes(x));
  }

  clear(): void {
    this.ids = [];
  }
}

export const selection = new Selection();
