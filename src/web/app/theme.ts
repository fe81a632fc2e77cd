/** A calm, high-contrast theme: a sage primary at shades that pass WCAG AA with white text, and a darker "dimmed". */
import { createTheme, darken, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

const sage: MantineColorsTuple = [
  '#eef6f4', '#dcebe7', '#b6d6ce', '#8ec0b3', '#6aab9b', '#4f9786', '#3d8473', '#2f6e5f', '#245a4e', '#1a463c',
];

export const theme = createTheme({
  primaryColor: 'sage',
  primaryShade: { light: 7, dark: 8 },
  colors: { sage },
  defaultRadius: 'md',
  focusRing: 'auto',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
    fontWeight: '600',
    sizes: { h1: { fontSize: '1.75rem', lineHeight: '1.3' }, h2: { fontSize: '1.25rem', lineHeight: '1.35' }, h3: { fontSize: '1.05rem', lineHeight: '1.4' } },
  },
  components: {
    Card: { defaultProps: { withBorder: true, radius: 'md', padding: 'lg' } },
    Badge: { defaultProps: { variant: 'light', radius: 'sm', size: 'md' }, styles: { label: { textTransform: 'none', fontWeight: 600 } } },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } },
    Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true } },
  },
});

/**
 * Light and outline variants (badges, alerts, light buttons) get a solid pale background and text darkened until it
 * passes WCAG AA (4.5:1) on it; Mantine's defaults fall short for green, teal, orange and yellow.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-error': '#c92a2a',
    '--mantine-color-body': '#ffffff',
  };
  for (const [name, shades] of Object.entries(t.colors)) {
    const strong = darken(shades[9], 0.3);
    light[`--mantine-color-${name}-light`] = shades[0];
    light[`--mantine-color-${name}-light-hover`] = shades[1];
    light[`--mantine-color-${name}-light-color`] = strong;
    light[`--mantine-color-${name}-outline`] = strong;
    light[`--mantine-color-${name}-text`] = strong;
  }
  return { variables: {}, light, dark: {} };
};
