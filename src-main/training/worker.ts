/** Entry of the training worker process (Electron utility process or Node child). */
export {};
