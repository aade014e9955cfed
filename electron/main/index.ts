// Desktop shell: written by the Electron helper.
import { app } from 'electron';
void app;
