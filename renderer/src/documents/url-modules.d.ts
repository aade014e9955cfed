/** Vite's `?url` imports: the emitted asset's URL (used for pdf.js's same-origin worker). */
declare module '*?url' {
  const url: string;
  export default url;
}
